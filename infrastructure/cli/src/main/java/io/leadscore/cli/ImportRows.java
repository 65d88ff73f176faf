package io.leadscore.cli;

import java.io.Closeable;
import java.io.IOException;

/** The rows of an import file, read one at a time from where an earlier run stopped. */
interface ImportRows extends Closeable {
    /** The next row, or null at the end of the file. */
    ImportRow next() throws IOException;
}
