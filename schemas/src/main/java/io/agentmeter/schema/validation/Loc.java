package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.regex.Pattern;

/** Where a value sits in the event: renders as a JSON path and resolves to its position in the document. */
final class Loc {

    static final Loc ROOT = new Loc(null, null, -1, 0);

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int SHOWN_KEY_CHARS = 100;

    private final Loc parent;
    private final String name;
    private final int index;
    private final int depth;

    private Loc(Loc parent, String name, int index, int depth) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.depth = depth;
    }

    Loc field(String fieldName) {
        return new Loc(this, fieldName, -1, depth + 1);
    }

    Loc item(int itemIndex) {
        return new Loc(this, null, itemIndex, depth + 1);
    }

    String path() {
        if (parent == null) {
            return "$";
        }
        String prefix = parent.path();
        if (name == null) {
            return prefix + "[" + index + "]";
        }
        if (PLAIN_NAME.matcher(name).matches()) {
            return prefix + "." + name;
        }
        String shown = name.length() > SHOWN_KEY_CHARS ? name.substring(0, SHOWN_KEY_CHARS) + "…" : name;
        return prefix + "['" + shown.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** Indexes of each step in document order; a step missing from the document sorts after its siblings. */
    int[] position(JsonNode root) {
        Loc[] steps = new Loc[depth];
        for (Loc at = this; at.parent != null; at = at.parent) {
            steps[at.depth - 1] = at;
        }
        int[] position = new int[depth];
        JsonNode node = root;
        for (int i = 0; i < depth; i++) {
            Loc step = steps[i];
            int at = node == null ? -1 : step.name == null ? step.index : indexOf(node, step.name);
            position[i] = at < 0 ? Integer.MAX_VALUE : at;
            node = at < 0 ? null : step.name == null ? node.get(step.index) : node.get(step.name);
        }
        return position;
    }

    private static int indexOf(JsonNode object, String fieldName) {
        int i = 0;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); i++) {
            if (names.next().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }
}
