# source: https://github.com/SWivid/F5-TTS/pull/213
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, top-level
# looks-like: inputs-not-moved
# needs: torch, torchaudio, numpy
# cpu: no written where torch was not installed; not run
import argparse
import json

import numpy as np
import torch

from flow_tts import FlowTTS
from ref_audio import TARGET_SR, load_reference, text_to_ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", required=True)
    parser.add_argument("--vocab", required=True)
    parser.add_argument("--ref_audio", required=True)
    parser.add_argument("--ref_text", required=True)
    parser.add_argument("--gen_text", required=True)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"

    with open(args.vocab, encoding="utf-8") as f:
        vocab = json.load(f)
    model = FlowTTS(vocab_size=len(vocab))
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model = model.to(device).eval()

    audio, _ = load_reference(args.ref_audio)
    audio = audio.to(device)
    text_ids = text_to_ids(args.ref_text + " " + args.gen_text, vocab).to(device)

    ref_frames = audio.shape[-1] // model.hop + 1
    gen_frames = int(ref_frames * len(args.gen_text) / max(len(args.ref_text), 1))
    mel = model.sample(audio, text_ids, total_frames=ref_frames + gen_frames)
    np.save("generated_mel.npy", mel[0, ref_frames:].cpu().numpy())
    print(f"generated {gen_frames} frames at {TARGET_SR // model.hop} frames/s")


if __name__ == "__main__":
    main()
