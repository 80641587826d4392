//! Our own icons, drawn as SVG paths on a 24×24 grid in strokes that take
//! the colour of the `<use>` placing them (no vendor icon files: their
//! licences forbid changes).
//! Each kind used in a drawing becomes one `<symbol>` in `<defs>`, placed
//! with `<use>`; kinds without an icon of their own take their category's.

use crate::scene::{Category, Icon};
use svg::node::Blob;
use svg::node::element::Symbol;

/// Every icon: a name and the SVG elements that draw it.
pub const ICONS: &[(&str, &str)] = &[
    // actors
    (
        "client",
        r#"<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M16 4.5a3.5 3.5 0 0 1 0 7M18.5 14.4c1.9.8 3 2.8 3 5.6"/>"#,
    ),
    (
        "internet",
        r#"<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"/>"#,
    ),
    (
        "external",
        r#"<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>"#,
    ),
    // network
    (
        "alb",
        r#"<circle cx="5" cy="12" r="2.5"/><circle cx="19" cy="5" r="2"/><circle cx="19" cy="12" r="2"/><circle cx="19" cy="19" r="2"/><path d="M7.5 12H17M7.2 10.8L17 5.8M7.2 13.2l9.8 5"/>"#,
    ),
    (
        "api_gateway",
        r#"<rect x="3.5" y="3.5" width="17" height="17" rx="2"/><path d="M10 8.5L6.5 12l3.5 3.5M14 8.5l3.5 3.5-3.5 3.5"/>"#,
    ),
    (
        "cloudfront",
        r#"<circle cx="12" cy="12" r="5.5"/><path d="M6.5 12h11M12 6.5c1.5 1.6 2.2 3.5 2.2 5.5s-.7 3.9-2.2 5.5c-1.5-1.6-2.2-3.5-2.2-5.5s.7-3.9 2.2-5.5z"/><circle cx="4" cy="4" r="1.8"/><circle cx="20" cy="4" r="1.8"/><circle cx="4" cy="20" r="1.8"/><circle cx="20" cy="20" r="1.8"/><path d="M5.4 5.4l2.7 2.7M18.6 5.4l-2.7 2.7M5.4 18.6l2.7-2.7M18.6 18.6l-2.7-2.7"/>"#,
    ),
    (
        "route53",
        r#"<path d="M12 2.5v19M8.5 21.5h7M5 5h11l3 2.5-3 2.5H5zM19 12.5H8l-3 2.5 3 2.5h11z"/>"#,
    ),
    (
        "nat",
        r#"<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M7 9.5h10M14 6.5l3 3-3 3M17 14.5H7M10 11.5l-3 3 3 3"/>"#,
    ),
    (
        "igw",
        r#"<circle cx="12" cy="8" r="5"/><path d="M7 8h10M12 3c1.4 1.4 2 3 2 5s-.6 3.6-2 5c-1.4-1.4-2-3-2-5s.6-3.6 2-5zM12 15v6.5M9 18.5l3 3 3-3"/>"#,
    ),
    (
        "vpn",
        r#"<path d="M2.5 20V12a9.5 8 0 0 1 19 0v8M7 20v-7a5 4.5 0 0 1 10 0v7M2.5 20h19"/>"#,
    ),
    (
        "direct_connect",
        r#"<rect x="2" y="8.5" width="6" height="7" rx="1"/><rect x="16" y="8.5" width="6" height="7" rx="1"/><path d="M8 12h8M10.5 9.5v5M13.5 9.5v5"/>"#,
    ),
    (
        "transit_gateway",
        r#"<circle cx="12" cy="12" r="3"/><circle cx="4.5" cy="4.5" r="2"/><circle cx="19.5" cy="4.5" r="2"/><circle cx="4.5" cy="19.5" r="2"/><circle cx="19.5" cy="19.5" r="2"/><path d="M5.9 5.9l4 4M18.1 5.9l-4 4M5.9 18.1l4-4M18.1 18.1l-4-4"/>"#,
    ),
    (
        "bastion",
        r#"<path d="M5 21V9h14v12M5 9V4h3v2h2.5V4h3v2H16V4h3v5M10 21v-4.5a2 2 0 0 1 4 0V21M3 21h18"/>"#,
    ),
    // security
    (
        "waf",
        r#"<rect x="3" y="4.5" width="18" height="15" rx="1"/><path d="M3 9.5h18M3 14.5h18M9 4.5v5M15 4.5v5M6 9.5v5M12 9.5v5M18 9.5v5M9 14.5v5M15 14.5v5"/>"#,
    ),
    (
        "iam",
        r#"<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="8.5" cy="10.5" r="2"/><path d="M5.5 16c.5-1.5 1.6-2.3 3-2.3s2.5.8 3 2.3M14 10h4.5M14 13.5h3"/>"#,
    ),
    (
        "cognito",
        r#"<circle cx="9" cy="7.5" r="3.5"/><path d="M2.5 20c0-3.6 2.9-6 6.5-6 1.3 0 2.5.3 3.5.9M14.5 18l2.2 2.2 4.3-4.7"/>"#,
    ),
    (
        "kms",
        r#"<circle cx="7.5" cy="16" r="4"/><path d="M10.4 13.1L20 3.5M16.5 7l3 3M14 9.5l2 2"/>"#,
    ),
    (
        "secrets",
        r#"<rect x="4.5" y="10.5" width="15" height="10.5" rx="2"/><path d="M8 10.5V7a4 4 0 0 1 8 0v3.5M12 14.5v3"/>"#,
    ),
    // compute
    (
        "ec2",
        r#"<rect x="6" y="6" width="12" height="12" rx="1.5"/><rect x="9.5" y="9.5" width="5" height="5"/><path d="M9 2.5V6M15 2.5V6M9 18v3.5M15 18v3.5M2.5 9H6M2.5 15H6M18 9h3.5M18 15h3.5"/>"#,
    ),
    (
        "lambda",
        r#"<path d="M5.5 3.5h3.2l8.6 17h3.2M12.3 10.6L6 20.5"/>"#,
    ),
    (
        "ecs",
        r#"<rect x="3" y="3" width="8" height="8" rx="1"/><rect x="13" y="3" width="8" height="8" rx="1"/><rect x="3" y="13" width="8" height="8" rx="1"/><rect x="13" y="13" width="8" height="8" rx="1"/>"#,
    ),
    (
        "container",
        r#"<rect x="2.5" y="6" width="19" height="12" rx="1"/><path d="M6.5 9v6M10 9v6M14 9v6M17.5 9v6"/>"#,
    ),
    (
        "service",
        r#"<path d="M12 2.5l8.2 4.75v9.5L12 21.5l-8.2-4.75v-9.5z"/><circle cx="12" cy="12" r="3"/>"#,
    ),
    (
        "gpu",
        r#"<rect x="2" y="5.5" width="20" height="11.5" rx="1.5"/><circle cx="8" cy="11.2" r="3"/><circle cx="16" cy="11.2" r="3"/><path d="M5 17v3M9 17v3M13 17v3"/>"#,
    ),
    // storage
    (
        "s3",
        r#"<ellipse cx="12" cy="5.5" rx="8.5" ry="2.5"/><path d="M3.5 5.5l2 14c.2 1.3 3 2 6.5 2s6.3-.7 6.5-2l2-14"/>"#,
    ),
    (
        "efs",
        r#"<path d="M3 6a1 1 0 0 1 1-1h5l2 2.5h9a1 1 0 0 1 1 1V18a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1zM3 10.5h18"/>"#,
    ),
    // databases
    (
        "database",
        r#"<ellipse cx="12" cy="5.5" rx="8" ry="3"/><path d="M4 5.5v13c0 1.7 3.6 3 8 3s8-1.3 8-3v-13M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>"#,
    ),
    (
        "aurora",
        r#"<ellipse cx="12" cy="5.5" rx="8" ry="3"/><path d="M4 5.5v13c0 1.7 3.6 3 8 3s8-1.3 8-3v-13"/><path d="M12 10.5l1.2 3 3 1.2-3 1.2-1.2 3-1.2-3-3-1.2 3-1.2z"/>"#,
    ),
    (
        "dynamodb",
        r#"<ellipse cx="12" cy="5.5" rx="8" ry="3"/><path d="M4 5.5v13c0 1.7 3.6 3 8 3s8-1.3 8-3v-13M7.5 12h2.5M7.5 16h2.5M13 12h3.5M13 16h3.5"/>"#,
    ),
    (
        "elasticache",
        r#"<ellipse cx="12" cy="5.5" rx="8" ry="3"/><path d="M4 5.5v13c0 1.7 3.6 3 8 3s8-1.3 8-3v-13M13.5 10L10 14.5h4l-3.5 4.5"/>"#,
    ),
    (
        "documentdb",
        r#"<path d="M6 2.5h8.5L19 7v14.5H6zM14.5 2.5V7H19M10.5 11c-1 0-1.5.5-1.5 1.5s-.3 1.5-1 1.5c.7 0 1 .5 1 1.5s.5 1.5 1.5 1.5M14.5 11c1 0 1.5.5 1.5 1.5s.3 1.5 1 1.5c-.7 0-1 .5-1 1.5s-.5 1.5-1.5 1.5"/>"#,
    ),
    (
        "opensearch",
        r#"<circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.3 15.3L21 21M7.5 10.5a3 3 0 0 1 3-3"/>"#,
    ),
    // integration
    (
        "sqs",
        r#"<path d="M2 6.5h20M2 17.5h20"/><rect x="4" y="9.5" width="4" height="5" rx=".5"/><rect x="10" y="9.5" width="4" height="5" rx=".5"/><rect x="16" y="9.5" width="4" height="5" rx=".5"/>"#,
    ),
    (
        "sns",
        r#"<path d="M3 10v4a1 1 0 0 0 1 1h2l6 4V5L6 9H4a1 1 0 0 0-1 1zM16 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12"/>"#,
    ),
    (
        "kinesis",
        r#"<path d="M2 7.5c2.5-2 5-2 7.5 0s5 2 7.5 0 3.5-1.5 5-1M2 12.5c2.5-2 5-2 7.5 0s5 2 7.5 0 3.5-1.5 5-1M2 17.5c2.5-2 5-2 7.5 0s5 2 7.5 0 3.5-1.5 5-1"/>"#,
    ),
    (
        "kafka",
        r#"<circle cx="9" cy="12" r="2.5"/><circle cx="9" cy="4" r="2"/><circle cx="9" cy="20" r="2"/><circle cx="18" cy="8" r="2"/><circle cx="18" cy="16" r="2"/><path d="M9 6v3.5M9 14.5V18M11.3 11l4.9-2.2M11.3 13l4.9 2.2"/>"#,
    ),
    (
        "eventbridge",
        r#"<path d="M2.5 12h19M7 12V7M12 12v5M17 12V7"/><circle cx="7" cy="5" r="2"/><circle cx="12" cy="19" r="2"/><circle cx="17" cy="5" r="2"/>"#,
    ),
    // kubernetes
    (
        "deployment",
        r#"<rect x="8" y="3" width="13" height="13" rx="1.5"/><path d="M5.5 6.5V18a.5.5 0 0 0 .5.5h11.5M3 9v11.5a.5.5 0 0 0 .5.5H15"/>"#,
    ),
    (
        "statefulset",
        r#"<ellipse cx="12" cy="5.5" rx="7" ry="2.5"/><path d="M5 5.5v4c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-4M5 9.5v4.5c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V9.5M5 14v4.5c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V14"/>"#,
    ),
    (
        "pod",
        r#"<path d="M12 2.5l8.5 4.5v10L12 21.5 3.5 17V7zM3.5 7L12 11.5 20.5 7M12 11.5v10"/>"#,
    ),
    (
        "k8s_service",
        r#"<circle cx="12" cy="5.5" r="3"/><path d="M12 8.5V15M5 15v-3h14v3"/><rect x="2.5" y="15" width="5" height="5" rx=".5"/><rect x="9.5" y="15" width="5" height="5" rx=".5"/><rect x="16.5" y="15" width="5" height="5" rx=".5"/>"#,
    ),
    (
        "ingress",
        r#"<path d="M2 12h11M9 8l4 4-4 4M13 3.5h6a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1h-6"/>"#,
    ),
    (
        "hpa",
        r#"<rect x="8" y="8" width="8" height="8" rx="1"/><path d="M2.5 12H6M4.5 10l-2 2 2 2M21.5 12H18M19.5 10l2 2-2 2M12 2.5V6M10 4.5l2-2 2 2M12 21.5V18M10 19.5l2 2 2-2"/>"#,
    ),
    // microservice patterns
    (
        "registry",
        r#"<rect x="4" y="2.5" width="16" height="19" rx="2"/><circle cx="8" cy="8" r="1"/><circle cx="8" cy="12" r="1"/><circle cx="8" cy="16" r="1"/><path d="M11 8h5.5M11 12h5.5M11 16h5.5"/>"#,
    ),
    (
        "config_server",
        r#"<path d="M3.5 6H13M17 6h3.5M3.5 12H7M11 12h9.5M3.5 18H15M19 18h1.5"/><circle cx="15" cy="6" r="2"/><circle cx="9" cy="12" r="2"/><circle cx="17" cy="18" r="2"/>"#,
    ),
    (
        "mesh",
        r#"<circle cx="5" cy="5" r="2"/><circle cx="19" cy="5" r="2"/><circle cx="5" cy="19" r="2"/><circle cx="19" cy="19" r="2"/><circle cx="12" cy="12" r="2"/><path d="M7 5h10M5 7v10M19 7v10M7 19h10M6.5 6.5l4 4M17.5 6.5l-4 4M6.5 17.5l4-4M17.5 17.5l-4-4"/>"#,
    ),
    // operations
    (
        "monitoring",
        r#"<rect x="3" y="3.5" width="18" height="13.5" rx="1.5"/><path d="M6 13l3-3.5 3 2.5 5.5-5.5M9 21h6M12 17v4"/>"#,
    ),
    (
        "logging",
        r#"<path d="M6 2.5h9L19 6.5v15H6zM15 2.5v4h4M9 11h7M9 14.5h7M9 18h4"/>"#,
    ),
    (
        "tracing",
        r#"<path d="M3 3v18M6 5.5h9M9 10h10M11 14.5h7M14 19h6"/>"#,
    ),
    // ai
    (
        "llm",
        r#"<path d="M11 3l2 5.5 5.5 2-5.5 2-2 5.5-2-5.5-5.5-2 5.5-2zM18.5 14.5l.9 2.3 2.3.9-2.3.9-.9 2.3-.9-2.3-2.3-.9 2.3-.9z"/>"#,
    ),
    (
        "embedding",
        r#"<path d="M4 20L18.5 5.5M13.5 5h5.5v5.5M4 20l16-3.5M4 20L8 4"/>"#,
    ),
    (
        "vectordb",
        r#"<ellipse cx="12" cy="5.5" rx="8" ry="3"/><path d="M4 5.5v13c0 1.7 3.6 3 8 3s8-1.3 8-3v-13M8.5 17.5l6-6M11 11.5h3.5V15"/>"#,
    ),
    (
        "guardrail",
        r#"<path d="M12 2.5l8 3v6c0 5-3.4 8.8-8 10-4.6-1.2-8-5-8-10v-6zM8.5 12l2.5 2.5 4.5-5"/>"#,
    ),
    (
        "training",
        r#"<path d="M6.5 6v12M17.5 6v12M3.5 9v6M20.5 9v6M6.5 12h11"/>"#,
    ),
    (
        "inference",
        r#"<circle cx="12" cy="12" r="9"/><path d="M13 6.5L9 12.5h4.5l-2.5 5"/>"#,
    ),
    (
        "notebook",
        r#"<rect x="5" y="2.5" width="15" height="19" rx="1.5"/><path d="M3 7h4M3 12h4M3 17h4M10 8h6.5M10 12h6.5"/>"#,
    ),
    (
        "feature_store",
        r#"<rect x="3" y="4" width="18" height="16" rx="1.5"/><path d="M3 9.3h18M3 14.7h18M9 4v16M15 4v16"/>"#,
    ),
    (
        "model_registry",
        r#"<path d="M3.5 7.5L12 3l8.5 4.5v9L12 21l-8.5-4.5zM3.5 7.5L12 12l8.5-4.5M12 12v9M7.8 5.3l8.4 4.5"/>"#,
    ),
    (
        "pipeline",
        r#"<circle cx="5" cy="12" r="2.5"/><circle cx="19" cy="6" r="2.5"/><circle cx="19" cy="18" r="2.5"/><path d="M7.5 12h4M11.5 12V6h5M11.5 12v6h5"/>"#,
    ),
    (
        "data_lake",
        r#"<ellipse cx="12" cy="6" rx="9" ry="3"/><path d="M3 6v12c0 1.7 4 3 9 3s9-1.3 9-3V6M6 13.5c1.5-1 3-1 4.5 0s3 1 4.5 0 2.2-.8 3-.6"/>"#,
    ),
    // telecom
    (
        "gnb",
        r#"<path d="M12 10v11.5M8 21.5h8M9 21.5l3-11.5 3 11.5"/><circle cx="12" cy="8" r="1.5"/><path d="M8.5 4.5a5 5 0 0 0 0 7M15.5 4.5a5 5 0 0 1 0 7M5.5 2a9 9 0 0 0 0 12M18.5 2a9 9 0 0 1 0 12"/>"#,
    ),
    (
        "upf",
        r#"<rect x="3" y="7.5" width="18" height="9" rx="2"/><path d="M7 12h10M14 9.5l3 2.5-3 2.5M10 9.5L7 12l3 2.5"/>"#,
    ),
    (
        "core_5g",
        r#"<path d="M12 2.5l8.2 4.75v9.5L12 21.5l-8.2-4.75v-9.5z"/><circle cx="12" cy="12" r="2"/><path d="M12 5.5V10M12 14v4.5M6.5 8.8l3.7 2.2M17.5 8.8l-3.7 2.2"/>"#,
    ),
    (
        "device",
        r#"<rect x="6.5" y="2.5" width="11" height="19" rx="2"/><path d="M11 18.5h2"/>"#,
    ),
    // containers
    ("region", r#"<path d="M5 21.5V3.5M5 4h12l-2.5 4L17 12H5"/>"#),
    (
        "vpc",
        r#"<path d="M7 19h10.5a4.5 4.5 0 0 0 .8-8.9A6 6 0 0 0 6.6 9.1 5 5 0 0 0 7 19z"/><rect x="9.5" y="12.5" width="5" height="4" rx=".5"/><path d="M10.5 12.5v-1a1.5 1.5 0 0 1 3 0v1"/>"#,
    ),
    (
        "az",
        r#"<path d="M12 3l9 5-9 5-9-5zM3 12.5l9 5 9-5M3 16.5l9 5 9-5"/>"#,
    ),
    (
        "subnet",
        r#"<rect x="4.5" y="10.5" width="15" height="10.5" rx="2"/><path d="M8 10.5V7a4 4 0 0 1 8 0v3.5"/>"#,
    ),
    (
        "subnet_public",
        r#"<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"/>"#,
    ),
    (
        "group",
        r#"<rect x="3" y="3" width="18" height="18" rx="2" stroke-dasharray="3 2.5"/>"#,
    ),
    (
        "k8s",
        r#"<path d="M12 2.5l7.4 3.6 1.8 8-5.1 6.4H7.9l-5.1-6.4 1.8-8z"/><circle cx="12" cy="12" r="2.5"/><path d="M12 5.5v4M12 14.5v3.5M6.2 10l3.4 1.2M17.8 10l-3.4 1.2M8.3 17l2.2-3M15.7 17l-2.2-3"/>"#,
    ),
    (
        "namespace",
        r#"<path d="M8 3c-2 0-3 1-3 3v3c0 1.5-1 3-2.5 3C4 12 5 13.5 5 15v3c0 2 1 3 3 3M16 3c2 0 3 1 3 3v3c0 1.5 1 3 2.5 3-1.5 0-2.5 1.5-2.5 3v3c0 2-1 3-3 3"/>"#,
    ),
    (
        "onprem",
        r#"<path d="M4 21V4.5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1V21M15 9.5h4a1 1 0 0 1 1 1V21M2 21h20M7.5 7.5h4M7.5 11.5h4M7.5 15.5h4"/>"#,
    ),
    (
        "cloud",
        r#"<path d="M7 19h10.5a4.5 4.5 0 0 0 .8-8.9A6 6 0 0 0 6.6 9.1 5 5 0 0 0 7 19z"/>"#,
    ),
    (
        "edge",
        r#"<path d="M12 21.5s-7-6.2-7-11.5a7 7 0 0 1 14 0c0 5.3-7 11.5-7 11.5z"/><circle cx="12" cy="10" r="2.5"/>"#,
    ),
    (
        "private_5g",
        r#"<path d="M4.5 20.5v-3M9.5 20.5v-7M14.5 20.5V9M19.5 20.5V4"/>"#,
    ),
];

/// The symbol of an icon: a kind's own, else the one its catalog row
/// borrows, else its category's.
pub fn icon_name(icon: Icon) -> &'static str {
    let kind = match icon {
        Icon::PublicSubnet => return "subnet_public",
        Icon::Kind(kind) => kind,
    };
    for want in [Some(kind.name), kind.icon].into_iter().flatten() {
        if let Some((name, _)) = ICONS.iter().find(|(name, _)| *name == want) {
            return name;
        }
    }
    match kind.category {
        Category::Actor => "client",
        Category::Network => "alb",
        Category::Security => "secrets",
        Category::Compute => "ec2",
        Category::Storage => "s3",
        Category::Database => "database",
        Category::Integration => "sqs",
        Category::Kubernetes => "pod",
        Category::Microservices => "service",
        Category::Operations => "monitoring",
        Category::Ai => "llm",
        Category::Telecom => "gnb",
        Category::Container => "group",
    }
}

/// The `id` of an icon's symbol.
pub fn symbol_id(name: &str) -> String {
    format!("cg-icon-{name}")
}

/// The `<symbol>` of an icon; `stroke_width` in 24ths of its drawn size.
pub fn symbol(name: &str, stroke_width: f64) -> Symbol {
    let body = ICONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, body)| body);
    Symbol::new()
        .set("id", symbol_id(name))
        .set("viewBox", "0 0 24 24")
        .set("fill", "none")
        .set("stroke-width", stroke_width)
        .set("stroke-linecap", "round")
        .set("stroke-linejoin", "round")
        .add(Blob::new(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::catalog::KINDS;

    #[test]
    fn every_kind_has_an_icon_that_exists() {
        for k in KINDS {
            let name = icon_name(Icon::Kind(k));
            assert!(
                ICONS.iter().any(|(n, _)| *n == name),
                "{} -> {name}",
                k.name
            );
        }
        let public = icon_name(Icon::PublicSubnet);
        assert!(ICONS.iter().any(|(n, _)| *n == public));
    }

    #[test]
    fn most_kinds_have_their_own_icon() {
        let own = KINDS
            .iter()
            .filter(|k| ICONS.iter().any(|(n, _)| *n == k.name))
            .count();
        assert!(own * 10 >= KINDS.len() * 9, "{own} of {}", KINDS.len());
    }

    #[test]
    fn icons_are_well_formed_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for (name, body) in ICONS {
            assert!(
                seen.insert(*body) || *name == "subnet_public",
                "{name} repeats an icon"
            );
            let opens = body.matches('<').count();
            let closes = body.matches("/>").count();
            assert_eq!(opens, closes, "{name}: every element self-closes");
            assert!(!body.contains("href") && !body.contains("url("), "{name}");
        }
    }
}
