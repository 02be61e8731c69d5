use std::time::Duration;
use tokio::sync::oneshot;

type Answers = Vec<(String, char)>;

const KEY: [char; 3] = ['b', 'a', 'd'];

fn score(answers: &Answers) -> Vec<(String, u32)> {
    let mut per_player: Vec<(String, u32)> = Vec::new();
    for (i, (player, choice)) in answers.iter().enumerate() {
        let correct = (*choice == KEY[i % KEY.len()]) as u32;
        match per_player.iter_mut().find(|(p, _)| p == player) {
            Some((_, s)) => *s += correct,
            None => per_player.push((player.clone(), correct)),
        }
    }
    per_player.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    per_player
}

async fn run_quiz(players: &[&str], picks: &[[char; 3]]) -> Vec<(String, u32)> {
    let (answers_tx, answers_rx) = oneshot::channel::<Answers>();

    let scorer = tokio::spawn(async move {
        let answers = answers_rx.await.expect("host left before the quiz ended");
        tokio::time::sleep(Duration::from_millis(20)).await; // judges double-check
        score(&answers)
    });

    let mut answers = Answers::new();
    for (player, row) in players.iter().zip(picks) {
        for choice in row {
            tokio::time::sleep(Duration::from_millis(5)).await; // buzzer
            answers.push((player.to_string(), *choice));
        }
    }

    answers_tx.send(answers).expect("scorer is gone");
    scorer.await.unwrap()
}

#[tokio::main]
async fn main() {
    let board = run_quiz(&["amir", "bea", "cole"], &[['b', 'a', 'd'], ['b', 'c', 'd'], ['a', 'a', 'a']]).await;
    for (rank, (player, points)) in board.iter().enumerate() {
        println!("{}. {player} - {points} point(s)", rank + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn quiz_produces_a_scoreboard() {
        let board = tokio::time::timeout(Duration::from_secs(30), run_quiz(&["x", "y"], &[['b', 'a', 'd'], ['c', 'c', 'c']]))
            .await
            .expect("quiz never finished");
        assert_eq!(board, vec![("x".to_string(), 3), ("y".to_string(), 0)]);
    }
}
