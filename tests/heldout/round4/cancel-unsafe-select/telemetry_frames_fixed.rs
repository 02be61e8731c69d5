// Sensor gateway: read fixed-size telemetry frames from a (local, mock)
// sensor over TCP. The sensor's radio is slow, so the gateway logs a stall
// whenever no frame arrived for 30 ms and keeps reading.
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

const MAGIC: u8 = 0xA5;

fn encode(sensor: u8, seq: u16, milli_c: i32) -> [u8; 8] {
    let mut f = [MAGIC, sensor, 0, 0, 0, 0, 0, 0];
    f[2..4].copy_from_slice(&seq.to_be_bytes());
    f[4..8].copy_from_slice(&milli_c.to_be_bytes());
    f
}

async fn mock_sensor(listener: TcpListener) {
    let (mut sock, _) = listener.accept().await.unwrap();
    sock.set_nodelay(true).unwrap();
    for seq in 0..5u16 {
        let frame = encode(7, seq, 21_500 + seq as i32 * 100);
        sock.write_all(&frame[..4]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await; // radio hiccup
        sock.write_all(&frame[4..]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(mock_sensor(listener));
    let mut sock = TcpStream::connect(addr).await.unwrap();

    let (mut good, mut corrupt, mut stalls) = (0, 0, 0);
    let mut frame = [0u8; 8];
    loop {
        let read = sock.read_exact(&mut frame);
        tokio::pin!(read);
        let result = loop {
            match timeout(Duration::from_millis(30), &mut read).await {
                Ok(r) => break r,
                Err(_) => stalls += 1,
            }
        };
        match result {
            Ok(_) if frame[0] == MAGIC => {
                let seq = u16::from_be_bytes([frame[2], frame[3]]);
                let milli_c = i32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]);
                println!("sensor {} seq {seq}: {:.1} C", frame[1], milli_c as f32 / 1000.0);
                good += 1;
            }
            Ok(_) => corrupt += 1,
            Err(_) => break, // sensor hung up
        }
    }
    println!("{good} frames ok, {corrupt} corrupt, {stalls} stalls logged");
}
