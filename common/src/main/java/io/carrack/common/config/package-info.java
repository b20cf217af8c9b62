/** Binding of Java properties files (broker.conf, namesrv.conf) to typed configuration objects. */
package io.carrack.common.config;
