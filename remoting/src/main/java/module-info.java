/**
 * The RocketMQ 4.x remoting protocol: frames, {@link io.carrack.remoting.RemotingCommand}, request and
 * response codes, JSON headers and bodies, and the Netty server and client.
 */
module io.carrack.remoting {
    requires transitive io.carrack.common;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires transitive com.alibaba.fastjson2;

    exports io.carrack.remoting;
    exports io.carrack.remoting.protocol;
    exports io.carrack.remoting.protocol.route;
    exports io.carrack.remoting.protocol.body;

    opens io.carrack.remoting.protocol.route to com.alibaba.fastjson2;
    opens io.carrack.remoting.protocol.body to com.alibaba.fastjson2;
}
