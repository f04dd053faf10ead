package io.agentmeter.query.http;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes any {@link Tabular} answer as CSV: a header row, then one row per item. */
@Provider
@Produces(Csv.MEDIA_TYPE)
public class CsvBodyWriter implements MessageBodyWriter<Tabular> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Tabular.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Tabular table, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entityStream)
            throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(entityStream, StandardCharsets.UTF_8));
        Csv.writeRow(out, table.columns());
        for (List<Object> row : table.rows()) {
            Csv.writeRow(out, row);
        }
        out.flush();
    }
}
