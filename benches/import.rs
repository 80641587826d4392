//! `import terraform` in process (parse, evaluate, map, emit, format and
//! the compile check) on a generated configuration of about 500 resources:
//! one VPC over three zones, a shared ALB, and per service a security
//! group, an ingress rule, a launch template, an auto scaling group, a
//! target group and a listener rule. The issue's target: under a second.
//! The README quotes this figure.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use std::path::PathBuf;

/// Writes the configuration into a fresh folder; returns it and its resource count.
fn configuration(services: usize) -> (PathBuf, usize) {
    let dir = std::env::temp_dir().join(format!("cloudgram-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut base = String::from(
        r#"
provider "aws" { region = "eu-west-1" }
variable "azs" { default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "public" {
  count                   = 3
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone       = var.azs[count.index]
  map_public_ip_on_launch = true
}
resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, 10 + count.index)
  availability_zone = var.azs[count.index]
}
resource "aws_security_group" "alb" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lb" "main" {
  subnets         = aws_subnet.public[*].id
  security_groups = [aws_security_group.alb.id]
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  default_action {
    type = "fixed-response"
  }
}
"#,
    );
    let mut resources = 5 + 6;
    for i in 0..services {
        let _ = write!(
            base,
            r#"
resource "aws_security_group" "svc{i}" {{ vpc_id = aws_vpc.main.id }}
resource "aws_security_group_rule" "svc{i}" {{
  type                     = "ingress"
  security_group_id        = aws_security_group.svc{i}.id
  source_security_group_id = aws_security_group.alb.id
  from_port                = 8080
  to_port                  = 8080
  protocol                 = "tcp"
}}
resource "aws_launch_template" "svc{i}" {{
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.svc{i}.id]
}}
resource "aws_lb_target_group" "svc{i}" {{
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}}
resource "aws_lb_listener_rule" "svc{i}" {{
  listener_arn = aws_lb_listener.https.arn
  action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc{i}.arn
  }}
}}
resource "aws_autoscaling_group" "svc{i}" {{
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = aws_subnet.private[*].id
  target_group_arns   = [aws_lb_target_group.svc{i}.arn]
  launch_template {{
    id = aws_launch_template.svc{i}.id
  }}
}}
"#
        );
        resources += 6;
    }
    std::fs::write(dir.join("main.tf"), base).unwrap();
    (dir, resources)
}

fn bench(c: &mut Criterion) {
    let (dir, resources) = configuration(82);
    assert!(resources >= 500, "{resources} resources");
    let inv = cloudgram::import::terraform::read(&dir).unwrap();
    assert_eq!(inv.resources.len(), resources);
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function(format!("terraform/{resources}-resources"), |b| {
        b.iter(|| black_box(cloudgram::import::terraform::import(black_box(&dir)).unwrap()))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
