use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::time::{interval, sleep, Duration};

#[derive(Debug, PartialEq)]
struct Reading {
    sensor: u16,
    millicelsius: i32,
}

async fn read_frame<R: AsyncRead + Unpin>(rd: &mut R) -> std::io::Result<Reading> {
    let mut frame = [0u8; 6];
    rd.read_exact(&mut frame).await?;
    Ok(Reading {
        sensor: u16::from_be_bytes([frame[0], frame[1]]),
        millicelsius: i32::from_be_bytes([frame[2], frame[3], frame[4], frame[5]]),
    })
}

#[tokio::main]
async fn main() {
    let (mut device, mut rd) = tokio::io::duplex(64);
    tokio::spawn(async move {
        for (sensor, temp) in [(1u16, 21_500i32), (2, 19_250), (1, 21_750), (3, -4_000)] {
            let mut frame = sensor.to_be_bytes().to_vec();
            frame.extend_from_slice(&temp.to_be_bytes());
            // the serial bridge delivers each frame in two bursts
            device.write_all(&frame[..3]).await.unwrap();
            sleep(Duration::from_millis(30)).await;
            device.write_all(&frame[3..]).await.unwrap();
        }
    });

    let mut readings = Vec::new();
    let mut status = interval(Duration::from_millis(20));
    loop {
        tokio::select! {
            frame = read_frame(&mut rd) => match frame {
                Ok(r) => readings.push(r),
                Err(_) => break, // device closed
            },
            _ = status.tick() => println!("status: {} readings so far", readings.len()),
        }
    }
    for r in &readings {
        println!("sensor {} at {:.2} C", r.sensor, r.millicelsius as f64 / 1000.0);
    }
    assert_eq!(readings.len(), 4, "lost readings");
}
