//! A TCP relay between the application and a server (the fake Bot API, PostgreSQL) that fails
//! the way networks do, on demand: connections refused, closed before an answer, answers
//! swallowed after the request went through, or nothing forwarded at all (a half-open link).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What the relay does with connections, old and new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// Relays both ways.
    Up,
    /// Nothing listens: new connections are refused and open ones are closed.
    Refused,
    /// A new connection is accepted and closed before anything is read (open ones are closed).
    ClosedAtOnce,
    /// Requests reach the server; the connection is closed when its answer comes back, so the
    /// client never reads it.
    AnswersLost,
    /// Nothing is forwarded either way and nothing is closed: a half-open link.
    Silent,
}

pub struct Proxy {
    addr: SocketAddr,
    link: Arc<watch::Sender<Link>>,
    /// Connections opened before the latest cut go silent for good.
    cuts: Arc<watch::Sender<u64>>,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Relays `127.0.0.1:<new port>` to `upstream`.
    pub async fn start(upstream: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the proxy");
        let addr = listener.local_addr().expect("proxy address");
        let link = Arc::new(watch::Sender::new(Link::Up));
        let cuts = Arc::new(watch::Sender::new(0));
        let task = tokio::spawn(accept_loop(listener, addr, upstream, Arc::clone(&link), Arc::clone(&cuts)));
        Proxy { addr, link, cuts, task }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`, for a Bot API behind the proxy.
    pub fn http_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn set(&self, link: Link) {
        self.link.send_replace(link);
    }

    /// Every connection open now goes silent for good, without being closed (the far end
    /// vanished: a half-open link); new connections are relayed as usual.
    pub fn cut_open_connections(&self) {
        self.cuts.send_modify(|cuts| *cuts += 1);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    addr: SocketAddr,
    upstream: SocketAddr,
    link: Arc<watch::Sender<Link>>,
    cuts: Arc<watch::Sender<u64>>,
) {
    let mut changes = link.subscribe();
    let mut listener = Some(listener);
    loop {
        let current = *changes.borrow_and_update();
        if current == Link::Refused {
            // Close the port so that connecting fails with "connection refused".
            listener = None;
            if changes.changed().await.is_err() {
                return;
            }
            continue;
        }
        let socket = match listener.take() {
            Some(socket) => socket,
            None => rebind(addr).await,
        };
        let accepted = tokio::select! {
            accepted = socket.accept() => accepted,
            _ = changes.changed() => {
                listener = Some(socket);
                continue;
            }
        };
        listener = Some(socket);
        let Ok((client, _)) = accepted else { continue };
        if current == Link::ClosedAtOnce {
            drop(client);
            continue;
        }
        tokio::spawn(relay(client, upstream, link.subscribe(), cuts.subscribe()));
    }
}

/// Binds the same port again after a refusal (the address may linger for a moment).
async fn rebind(addr: SocketAddr) -> TcpListener {
    loop {
        if let Ok(listener) = TcpListener::bind(addr).await {
            return listener;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn relay(
    client: TcpStream,
    upstream: SocketAddr,
    mut link: watch::Receiver<Link>,
    mut cuts: watch::Receiver<u64>,
) {
    let born = *cuts.borrow_and_update();
    let Ok(server) = TcpStream::connect(upstream).await else { return };
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let mut from_client = vec![0u8; 16 * 1024];
    let mut from_server = vec![0u8; 16 * 1024];
    loop {
        let current = *link.borrow_and_update();
        if *cuts.borrow_and_update() != born {
            // Hold both sockets open, forwarding nothing, until the proxy is dropped.
            let _ = cuts.wait_for(|_| false).await;
            return;
        }
        match current {
            Link::Refused | Link::ClosedAtOnce => return,
            Link::Silent => {
                if link.changed().await.is_err() {
                    return;
                }
            }
            Link::Up | Link::AnswersLost => {
                tokio::select! {
                    read = client_read.read(&mut from_client) => match read {
                        Ok(n) if n > 0 => {
                            if server_write.write_all(&from_client[..n]).await.is_err() {
                                return;
                            }
                        }
                        _ => return,
                    },
                    read = server_read.read(&mut from_server) => match read {
                        Ok(n) if n > 0 && current == Link::Up => {
                            if client_write.write_all(&from_server[..n]).await.is_err() {
                                return;
                            }
                        }
                        _ => return,
                    },
                    _ = link.changed() => {}
                    _ = cuts.changed() => {}
                }
            }
        }
    }
}
