/** The mqadmin command-line tool. */
module io.carrack.tools {
    requires io.carrack.client;
}
