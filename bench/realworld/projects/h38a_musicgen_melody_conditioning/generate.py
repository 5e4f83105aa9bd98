# source: https://github.com/ylacombe/musicgen-dreamboothing/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, top-level
# bug-lines: 26
# needs: torch, soundfile
# cpu: no written where torch was not installed; not run
import argparse

import soundfile as sf
import torch

from load_model import load_musicgen
from melody_prep import build_inputs, load_melody

parser = argparse.ArgumentParser()
parser.add_argument("--melody", required=True)
parser.add_argument("--adapter", default=None)
parser.add_argument("--prompt", action="append", default=["lofi hip hop with a warm bass line"])
args = parser.parse_args()

model, processor, device = load_musicgen(adapter_dir=args.adapter)
melody, sr = load_melody(args.melody)
inputs = build_inputs(processor, args.prompt, melody, sr, device)
with torch.no_grad():
    audio_values = model.generate(**inputs, do_sample=True, guidance_scale=3.0, max_new_tokens=512)

out_sr = model.config.audio_encoder.sampling_rate
for i, wav in enumerate(audio_values):
    sf.write(f"musicgen_out_{i}.wav", wav[0].float().cpu().numpy(), out_sr)
