//! Microservices: service boundaries, cycles, gateways and interactions.

pub mod no_api_gateway;
pub mod shared_database;
pub mod single_service_registry;
pub mod sync_cycle;
pub mod wobbly_interaction;
