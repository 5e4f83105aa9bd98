# source: https://github.com/lum3on/ComfyUI-StableAudioX/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, batch-dict, helper
# bug-lines: 20
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Writes the (already preprocessed) clip next to its caption so annotators
can listen to exactly what the captioner heard."""
import json
import os

import numpy as np
import soundfile as sf


def save_preview(audio: dict, caption: str, out_dir: str, stem: str) -> str:
    os.makedirs(out_dir, exist_ok=True)
    # [1, C, T] -> [T, C] for soundfile
    pcm = audio["waveform"].squeeze(0).transpose(0, 1).numpy()
    pcm = np.clip(pcm, -1.0, 1.0).astype(np.float32)
    wav_path = os.path.join(out_dir, f"{stem}.wav")
    sf.write(wav_path, pcm, audio["sample_rate"])
    with open(os.path.join(out_dir, f"{stem}.json"), "w") as fh:
        json.dump({"audio": os.path.basename(wav_path), "caption": caption}, fh)
    return wav_path
