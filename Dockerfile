# zhibu in a container: built in one stage, run from a small image as a non-root user, with the
# SQLite database (or nothing, on PostgreSQL) on the volume /var/lib/zhibu.
#
#   docker build -t zhibu .
#   docker run -d --name zhibu -e TELOXIDE_TOKEN=123456:… -v zhibu-data:/var/lib/zhibu zhibu
#
# Settings come from the environment (see zhibu.toml.example for every key) or from a
# zhibu.toml mounted at /var/lib/zhibu/zhibu.toml (or anywhere, with `--config`).

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# Dependencies first, so a change to zhibu's own code does not rebuild them.
COPY Cargo.toml Cargo.lock build.rs ./
RUN mkdir -p src benches/load \
    && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && echo 'fn main() {}' > benches/load/main.rs \
    && cargo build --release --locked --bin zhibu \
    && rm -rf src benches
COPY migrations migrations
COPY assets assets
COPY src src
COPY benches benches
COPY tests tests
# The dummy build left newer timestamps behind: make cargo see the real sources as changed.
RUN touch src/main.rs src/lib.rs && cargo build --release --locked --bin zhibu

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/zhibu --create-home --shell /usr/sbin/nologin zhibu \
    && chmod 0700 /var/lib/zhibu
COPY --from=build /src/target/release/zhibu /usr/local/bin/zhibu
USER zhibu:zhibu
WORKDIR /var/lib/zhibu
ENV ZHIBU_DATABASE_URL=sqlite:///var/lib/zhibu/zhibu.db \
    ZHIBU_LOG_FORMAT=json
VOLUME ["/var/lib/zhibu"]
# The admin listener, when ZHIBU_ADMIN_LISTEN=0.0.0.0:9090 (keep it off public networks).
EXPOSE 9090
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/zhibu"]
CMD ["run"]
