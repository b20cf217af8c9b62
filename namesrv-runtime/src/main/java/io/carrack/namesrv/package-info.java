/**
 * The Carrack name server: {@link io.carrack.namesrv.NameServer} to embed one,
 * {@link io.carrack.namesrv.NamesrvStartup} to run one, {@link io.carrack.namesrv.NamesrvConfig} for
 * its settings.
 */
package io.carrack.namesrv;
