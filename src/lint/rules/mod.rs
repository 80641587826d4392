//! The rule catalog: one rule per file, grouped by pillar. [`ALL`] lists
//! them in code order; a test keeps it sorted and complete.

pub mod ai;
pub mod availability;
pub mod kubernetes;
pub mod microservices;
pub mod performance;
pub mod security;

use super::Rule;

/// Every rule, in code order.
pub static ALL: &[&dyn Rule] = &[
    &ai::llm_without_guardrail::LlmWithoutGuardrail,
    &ai::llm_excessive_agency::LlmExcessiveAgency,
    &ai::training_without_checkpoints::TrainingWithoutCheckpoints,
    &availability::single_instance::SingleInstance,
    &availability::single_point_of_failure::SinglePointOfFailure,
    &availability::single_az::SingleAz,
    &availability::database_without_failover::DatabaseWithoutFailover,
    &availability::no_backup::NoBackup,
    &availability::cache_as_system_of_record::CacheAsSystemOfRecord,
    &availability::single_hybrid_link::SingleHybridLink,
    &availability::slo_not_met::SloNotMet,
    &kubernetes::deployment_replicas::DeploymentReplicas,
    &kubernetes::service_without_target::ServiceWithoutTarget,
    &kubernetes::ingress_without_service::IngressWithoutService,
    &kubernetes::hpa_without_target::HpaWithoutTarget,
    &microservices::shared_database::SharedDatabase,
    &microservices::sync_cycle::SyncCycle,
    &microservices::no_api_gateway::NoApiGateway,
    &microservices::wobbly_interaction::WobblyInteraction,
    &microservices::single_service_registry::SingleServiceRegistry,
    &performance::no_autoscaling::NoAutoscaling,
    &performance::capacity_exceeded::CapacityExceeded,
    &performance::deep_sync_chain::DeepSyncChain,
    &performance::retry_amplification::RetryAmplification,
    &performance::timeout_inversion::TimeoutInversion,
    &performance::missing_dead_letter_queue::MissingDeadLetterQueue,
    &performance::no_rate_limit::NoRateLimit,
    &performance::lambda_database_connections::LambdaDatabaseConnections,
    &performance::no_load_balancer::NoLoadBalancer,
    &performance::storage_through_nat::StorageThroughNat,
    &performance::cross_region_sync_call::CrossRegionSyncCall,
    &security::public_datastore::PublicDatastore,
    &security::internet_to_datastore::InternetToDatastore,
    &security::plaintext_from_internet::PlaintextFromInternet,
    &security::compute_in_public_subnet::ComputeInPublicSubnet,
    &security::missing_waf::MissingWaf,
    &security::unencrypted_datastore::UnencryptedDatastore,
    &security::admin_port_exposed::AdminPortExposed,
    &security::missing_network_segmentation::MissingNetworkSegmentation,
];
