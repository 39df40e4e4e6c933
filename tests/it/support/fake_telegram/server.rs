//! The HTTP side: routing `/bot<token>/<method>`, reading parameters, long polling.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{
    Form, Router,
    body::to_bytes,
    extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State},
    http::{Uri, header::CONTENT_TYPE},
    response::Response,
};
use serde_json::Value;

use super::{
    SentCall,
    state::{Admission, Shared},
    wire::{ApiError, Params, error_response, ok_response, param_i64},
};

const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// How long a [`super::Fault::DeliverThenDropResponse`] request is held open.
const HOLD_FOR: Duration = Duration::from_secs(600);

type FilePart = (String, Vec<u8>);

pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).layer(DefaultBodyLimit::max(BODY_LIMIT)).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if let Some((token, path)) =
        request.uri().path().strip_prefix("/file/bot").and_then(|p| p.split_once('/'))
    {
        return serve_file(&shared, token, path);
    }
    let Some((token, method)) = split_path(request.uri().path()) else {
        return error_response(&ApiError::new(404, "Not Found"));
    };
    let (params, file) = match read_params(request).await {
        Ok(read) => read,
        Err(error) => return error_response(&error),
    };
    let call = SentCall {
        method,
        params: Value::Object(params.clone()),
        at: Instant::now(),
        file,
        token: token.clone(),
    };
    let admission = shared.lock().admit(&token, call);
    shared.notify();
    let answer = match admission {
        Admission::Answer(answer) => answer,
        Admission::Hold => hold(&shared).await,
        Admission::Later(delay, answer) => {
            tokio::time::sleep(delay).await;
            answer
        }
        Admission::Poll => Ok(poll_updates(&shared, &params).await),
    };
    match answer {
        Ok(result) => ok_response(result),
        Err(error) => error_response(&error),
    }
}

/// `GET /file/bot<token>/<file_path>`: the bytes of a file a user sent, recorded as a call to
/// the pseudo-method `file` (its `path` parameter) so tests can see the download.
fn serve_file(shared: &Shared, token: &str, path: &str) -> Response {
    let call = SentCall {
        method: "file".to_owned(),
        params: serde_json::json!({ "path": path }),
        at: Instant::now(),
        file: None,
        token: token.to_owned(),
    };
    let bytes = {
        let mut inner = shared.lock();
        inner.calls.push(call);
        inner.file_bytes(path)
    };
    shared.notify();
    match bytes {
        Some(bytes) => Response::new(axum::body::Body::from(bytes)),
        None => error_response(&ApiError::new(404, "Not Found")),
    }
}

/// Splits `/bot<token>/<method>` into the token and the lowercased method name.
fn split_path(path: &str) -> Option<(String, String)> {
    let (token, method) = path.strip_prefix("/bot")?.split_once('/')?;
    let valid = !token.is_empty() && !method.is_empty() && !method.contains('/');
    valid.then(|| (token.to_owned(), method.to_ascii_lowercase()))
}

/// Parameters from the query string merged with the body (JSON, form or multipart).
async fn read_params(request: Request) -> Result<(Params, Option<FilePart>), ApiError> {
    let mut params = query_params(request.uri());
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let file = read_multipart(request, &mut params).await?;
        return Ok((params, file));
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(request, &())
            .await
            .map_err(|_| ApiError::bad_request("can't parse parameters"))?;
        params.extend(pairs.into_iter().map(|(key, value)| (key, Value::String(value))));
        return Ok((params, None));
    }
    params.extend(read_json(request).await?);
    Ok((params, None))
}

fn query_params(uri: &Uri) -> Params {
    let pairs =
        Query::<Vec<(String, String)>>::try_from_uri(uri).map(|Query(pairs)| pairs).unwrap_or_default();
    pairs.into_iter().map(|(key, value)| (key, Value::String(value))).collect()
}

async fn read_json(request: Request) -> Result<Params, ApiError> {
    let invalid = || ApiError::bad_request("can't parse JSON object");
    let body = to_bytes(request.into_body(), BODY_LIMIT).await.map_err(|_| invalid())?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Params::new());
    }
    serde_json::from_slice(&body).map_err(|_| invalid())
}

/// Text parts become string parameters; a part with a filename is the uploaded file.
async fn read_multipart(request: Request, params: &mut Params) -> Result<Option<FilePart>, ApiError> {
    let invalid = || ApiError::bad_request("can't parse multipart/form-data");
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|_| invalid())?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| invalid())? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| invalid())?;
        match file_name {
            Some(file_name) => file = Some((file_name, bytes.to_vec())),
            None => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                params.insert(name, Value::String(text));
            }
        }
    }
    Ok(file)
}

/// Keeps a delivered request unanswered until the hold time passes or the fake stops.
async fn hold(shared: &Shared) -> Result<Value, ApiError> {
    let mut shutdown = shared.shutdown.subscribe();
    tokio::select! {
        _ = tokio::time::sleep(HOLD_FOR) => {}
        _ = shutdown.wait_for(|stopped| *stopped) => {}
    }
    Err(ApiError::new(500, "Internal Server Error"))
}

/// `getUpdates`: confirms by `offset`, answers at most `limit` updates, and long-polls
/// for `timeout` seconds while none is queued.
async fn poll_updates(shared: &Shared, params: &Params) -> Value {
    let limit = param_i64(params, "limit").filter(|&limit| limit > 0).unwrap_or(100).min(100);
    let timeout = param_i64(params, "timeout").unwrap_or(0).clamp(0, 3600);
    if let Some(offset) = param_i64(params, "offset") {
        shared.lock().confirm(offset);
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout.unsigned_abs());
    let mut changes = shared.changes.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    loop {
        let batch = shared.lock().pending(limit as usize);
        if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
            return Value::Array(batch);
        }
        tokio::select! {
            _ = changes.changed() => {}
            _ = tokio::time::sleep_until(deadline) => {}
            _ = shutdown.wait_for(|stopped| *stopped) => return Value::Array(Vec::new()),
        }
    }
}
