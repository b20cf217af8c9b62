/** The message model and its RocketMQ 4.x binary layouts. */
package io.carrack.common.message;
