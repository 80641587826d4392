//! Importers: designs that already exist in another tool's format in, the
//! text of an ordinary, formatted `.cgr` design out (`cloudgram import`).

pub mod terraform;
