// Phase 3: futures and async/await. Recursion.
//
// An async fn's future is a value that holds everything the fn needs while
// it is suspended: its local variables and the future it is awaiting now.
// If the fn awaits a call to itself, its future would have to hold a future
// of its own type, which holds another, and so on: a value of infinite size.
// The compiler refuses (E0733: "recursion in an async fn requires boxing").
//
// The way out: the outer future should hold something of a fixed size that
// leads to the inner future, kept somewhere else.
//
// Fix `count_dishes` so that it compiles. Done when the tests pass.

use std::time::Duration;

struct Section {
    dishes: u32,
    subsections: Vec<Section>,
}

// Counts the dishes in a section of the menu and in all of its subsections.
// Reading each section takes a trip to the storeroom.
async fn count_dishes(section: &Section) -> u32 {
    tokio::time::sleep(Duration::from_millis(10)).await;
    let mut total = section.dishes;
    for sub in &section.subsections {
        // Boxed, the inner future lives on the heap: the outer one holds a pointer.
        total += Box::pin(count_dishes(sub)).await;
    }
    total
}

fn section(dishes: u32, subsections: Vec<Section>) -> Section {
    Section {
        dishes,
        subsections,
    }
}

fn menu() -> Section {
    let drinks = section(1, vec![section(4, vec![]), section(3, vec![])]);
    section(2, vec![section(5, vec![]), drinks])
}

#[tokio::main]
async fn main() {
    println!("the menu has {} dishes", count_dishes(&menu()).await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn every_dish_of_every_section_is_counted() {
        let alone = count_dishes(&section(7, vec![])).await;
        assert_eq!(alone, 7, "a section with no subsections has its own dishes");
        let total = count_dishes(&menu()).await;
        assert_eq!(total, 15, "the menu has 2 + 5 + (1 + 4 + 3) dishes");
        let deep = (0..50).fold(section(1, vec![]), |inner, _| section(1, vec![inner]));
        let total = count_dishes(&deep).await;
        assert_eq!(total, 51, "51 nested sections of one dish each");
    }
}
