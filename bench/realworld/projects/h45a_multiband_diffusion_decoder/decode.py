# source: https://github.com/facebookresearch/audiocraft/issues/209
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# needs: torch, torchaudio, julius
# cpu: no written where torch was not installed; not run
"""Decode EnCodec tokens of generated music with the multi-band diffusion decoder."""
import argparse

import torch
import torchaudio

from mbd import MultiBandDecoder


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mbd", required=True)
    p.add_argument("--codec", required=True, help="torch.jit-saved codec with decode_latent()")
    p.add_argument("--tokens", required=True)
    p.add_argument("--out", default="music_mbd.wav")
    args = p.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    codec = torch.jit.load(args.codec, map_location="cpu")
    decoder = MultiBandDecoder.get_mbd(args.mbd, codec, device)
    tokens = torch.load(args.tokens).to(device)
    wav = decoder.tokens_to_wav(tokens)
    torchaudio.save(args.out, wav[0].cpu(), codec.sample_rate)


if __name__ == "__main__":
    main()
