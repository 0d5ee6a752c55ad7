package dev.sealgate.daemon;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The transport: native epoll where it loads (Linux), NIO everywhere else. */
record EventLoops(
    EventLoopGroup group,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends SocketChannel> clientChannel,
    String name) {

  static EventLoops create(int threads) {
    if (Epoll.isAvailable()) {
      return new EventLoops(
          group(threads, EpollIoHandler.newFactory()),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          "epoll");
    }
    return new EventLoops(
        group(threads, NioIoHandler.newFactory()),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        "nio");
  }

  private static EventLoopGroup group(int threads, IoHandlerFactory factory) {
    return new MultiThreadIoEventLoopGroup(
        threads, new io.netty.util.concurrent.DefaultThreadFactory("sealgate-io", true), factory);
  }
}
