# source: https://github.com/m-bain/whisperX/issues/785 https://github.com/m-bain/whisperX/pull/835
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument weight in method wrapper_CUDA__cudnn_batch_norm)
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
import argparse
import json

import numpy as np
import soundfile as sf

from asr import load_model


def load_audio(path, sample_rate=16000):
    audio, sr = sf.read(path, dtype="float32")
    if audio.ndim > 1:
        audio = audio.mean(axis=1)
    if sr != sample_rate:
        idx = np.linspace(0, len(audio) - 1, int(len(audio) * sample_rate / sr))
        audio = np.interp(idx, np.arange(len(audio)), audio).astype(np.float32)
    return audio


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("audio", nargs="+")
    parser.add_argument("--checkpoint", default="models/ctc_base.bin")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--device_index", type=int, default=1)
    args = parser.parse_args()

    pipeline = load_model(args.checkpoint, device=args.device, device_id=args.device_index)
    for path in args.audio:
        segments = pipeline.transcribe(load_audio(path))
        with open(path.rsplit(".", 1)[0] + ".json", "w") as f:
            json.dump(segments, f, indent=2)
