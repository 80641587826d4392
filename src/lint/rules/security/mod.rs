//! Security: exposure to the internet, encryption, segmentation.

pub mod admin_port_exposed;
pub mod compute_in_public_subnet;
pub mod internet_to_datastore;
pub mod missing_network_segmentation;
pub mod missing_waf;
pub mod plaintext_from_internet;
pub mod public_datastore;
pub mod unencrypted_datastore;
