//! Performance and cost: load, capacity, call chains, retries, timeouts, traffic.

pub mod capacity_exceeded;
pub mod cross_region_sync_call;
pub mod deep_sync_chain;
pub mod lambda_database_connections;
pub mod missing_dead_letter_queue;
pub mod no_autoscaling;
pub mod no_load_balancer;
pub mod no_rate_limit;
pub mod retry_amplification;
pub mod storage_through_nat;
pub mod timeout_inversion;
