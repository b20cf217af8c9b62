/** Service threads and close helpers shared by the runtimes and stores. */
package io.carrack.common.lifecycle;
