/** JSON bodies of the name-server protocol: routes, clusters, broker registration. */
package io.carrack.remoting.protocol.route;
