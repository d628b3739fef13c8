//! The HTTP client half the load and flood benchmarks share: one upload over a kept-alive
//! connection, answered with its status and body.

use std::net::SocketAddr;

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::Request;

/// POSTs `body` (a multipart form of `content_type`) to `/api/v1/analyze` on `sender`.
pub async fn post_analyze(
    sender: &mut http1::SendRequest<Full<Bytes>>,
    addr: SocketAddr,
    content_type: &str,
    body: Bytes,
) -> Result<(u16, Bytes), hyper::Error> {
    let request = Request::post("/api/v1/analyze")
        .header(hyper::header::HOST, addr.to_string())
        .header(hyper::header::CONTENT_TYPE, content_type)
        .body(Full::new(body))
        .expect("a request built from valid parts");
    sender.ready().await?;
    let response = sender.send_request(request).await?;
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok((status, bytes))
}
