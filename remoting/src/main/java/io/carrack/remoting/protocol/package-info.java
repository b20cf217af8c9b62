/** Request codes, response codes, language codes and serialize types of the RocketMQ 4.x protocol. */
package io.carrack.remoting.protocol;
