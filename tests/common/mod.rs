//! Checks shared by the integration tests.

use cloudgram::scene::Scene;

/// Checks the geometric contract of a scene (shared with the property tests).
pub fn assert_scene_is_sound(scene: &Scene) {
    let boxes: Vec<_> = scene.boxes().collect();
    for b in &boxes {
        assert!(b.width > 0.0 && b.height > 0.0, "{} has a size", b.id);
        assert!(b.x >= 0.0 && b.y >= 0.0, "{} is on the canvas", b.id);
        assert!(
            b.x + b.width <= scene.width && b.y + b.height <= scene.height,
            "{} fits the canvas",
            b.id
        );
        if let Some(p) = &b.parent {
            let p = scene.find(p).expect("parent has a box");
            assert!(
                b.x >= p.x
                    && b.y >= p.y
                    && b.x + b.width <= p.x + p.width
                    && b.y + b.height <= p.y + p.height,
                "{} lies inside {}",
                b.id,
                p.id
            );
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if a.parent == b.parent {
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "siblings {} and {} overlap", a.id, b.id);
            }
        }
    }
}
