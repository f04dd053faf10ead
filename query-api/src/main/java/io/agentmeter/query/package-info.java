/** REST queries over the rollups and turns in PostgreSQL. */
package io.agentmeter.query;
