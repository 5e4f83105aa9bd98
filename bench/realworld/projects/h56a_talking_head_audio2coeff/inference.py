# source: https://github.com/OpenTalker/SadTalker/issues/53
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: top-level, multi-file
# needs: torch, numpy, librosa
# cpu: no written where torch was not installed; not run
"""Drive head pose coefficients from a speech recording (CPU or GPU)."""

import argparse
import os

import librosa
import numpy as np
import torch

from audio2coeff import Audio2Coeff


def crop_mels(wav_path, fps=25, sr=16000, mel_step=16):
    wav, _ = librosa.load(wav_path, sr=sr)
    mel = librosa.feature.melspectrogram(y=wav, sr=sr, n_fft=800, hop_length=200,
                                         win_length=800, n_mels=80)
    mel = np.log(np.maximum(mel, 1e-5)).astype(np.float32)
    num_frames = int(len(wav) / sr * fps)
    chunks = []
    for i in range(num_frames):
        start = int(80.0 * (i / float(fps)))
        seq = mel[:, start:start + mel_step]
        if seq.shape[1] < mel_step:
            seq = np.pad(seq, ((0, 0), (0, mel_step - seq.shape[1])), mode="edge")
        chunks.append(seq)
    mels = torch.from_numpy(np.stack(chunks))[:, None]  # (T, 1, 80, 16)
    return {"indiv_mels": mels.unsqueeze(0)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--driven_audio", required=True)
    parser.add_argument("--checkpoint_dir", default="./checkpoints")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    device = "cpu" if args.cpu or not torch.cuda.is_available() else "cuda"
    ckpt = args.checkpoint_dir
    audio_to_coeff = Audio2Coeff(os.path.join(ckpt, "auido2pose_00140-model.pth"),
                                 os.path.join(ckpt, "auido2pose.yaml"),
                                 os.path.join(ckpt, "wav2lip.pth"),
                                 device)
    batch = crop_mels(args.driven_audio)
    coeffs = audio_to_coeff.generate(batch, pose_style=0)
    np.save(os.path.splitext(args.driven_audio)[0] + "_pose.npy", coeffs)
