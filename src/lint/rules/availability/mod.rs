//! Availability and durability: single points of failure, zones, failover, backups.

pub mod cache_as_system_of_record;
pub mod database_without_failover;
pub mod no_backup;
pub mod single_az;
pub mod single_hybrid_link;
pub mod single_instance;
pub mod single_point_of_failure;
pub mod slo_not_met;
