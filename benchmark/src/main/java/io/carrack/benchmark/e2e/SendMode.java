package io.carrack.benchmark.e2e;

/** How messages are sent: waiting for each answer, with a callback, or without an answer. */
enum SendMode {
    SYNC, ASYNC, ONEWAY
}
