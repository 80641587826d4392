//! Kubernetes: workloads, Services, Ingresses and autoscalers.

pub mod deployment_replicas;
pub mod hpa_without_target;
pub mod ingress_without_service;
pub mod service_without_target;
