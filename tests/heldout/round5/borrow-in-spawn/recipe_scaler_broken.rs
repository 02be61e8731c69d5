use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
struct Recipe {
    name: String,
    servings: u32,
    grams: Vec<(String, u32)>,
}

async fn scale(recipe: &Recipe, servings: u32) -> Recipe {
    // unit conversion service
    tokio::time::sleep(Duration::from_millis(5)).await;
    Recipe {
        name: recipe.name.clone(),
        servings,
        grams: recipe
            .grams
            .iter()
            .map(|(item, g)| (item.clone(), g * servings / recipe.servings))
            .collect(),
    }
}

async fn scale_all(recipes: &[Recipe], servings: u32) -> Vec<Recipe> {
    let mut handles = Vec::new();
    for r in recipes {
        handles.push(tokio::spawn(async move { scale(r, servings).await }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

fn cookbook() -> Vec<Recipe> {
    vec![
        Recipe {
            name: "pancakes".into(),
            servings: 2,
            grams: vec![("flour".into(), 120), ("milk".into(), 200), ("sugar".into(), 10)],
        },
        Recipe {
            name: "risotto".into(),
            servings: 4,
            grams: vec![("rice".into(), 320), ("parmesan".into(), 60)],
        },
    ]
}

#[tokio::main]
async fn main() {
    let book = cookbook();
    for r in scale_all(&book, 8).await {
        println!("{} for {}: {:?}", r.name, r.servings, r.grams);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn doubles_quantities() {
        let scaled = scale_all(&cookbook(), 4).await;
        assert_eq!(scaled[0].grams[0], ("flour".to_string(), 240));
        assert_eq!(scaled[1].grams[1], ("parmesan".to_string(), 60));
    }
}
