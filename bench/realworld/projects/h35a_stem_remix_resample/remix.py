# source: https://github.com/christian-byrne/audio-separation-nodes-comfyui/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, top-level
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Usage: python remix.py vocals.wav karaoke_backing.wav out.wav [method]"""
import sys

import torchaudio

from combine import combine_stems


def main(argv):
    vocals_path, backing_path, out_path = argv[1:4]
    method = argv[4] if len(argv) > 4 else "add"
    vocals, vocals_sr = torchaudio.load(vocals_path)  # e.g. 44.1 kHz from the separator
    backing, backing_sr = torchaudio.load(backing_path)  # e.g. 48 kHz from the DAW bounce
    mixed, sr = combine_stems(vocals, vocals_sr, backing, backing_sr, method=method)
    torchaudio.save(out_path, mixed, sr)
    print(f"wrote {out_path}: {mixed.shape[-1] / sr:.1f}s at {sr} Hz")


if __name__ == "__main__":
    main(sys.argv)
