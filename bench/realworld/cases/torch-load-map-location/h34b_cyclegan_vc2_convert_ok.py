# source: https://github.com/onejiin/CycleGAN-VC2/issues/7
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, numpy, librosa, soundfile
# cpu: no written where torch was not installed; not run
import argparse
import os

import numpy as np
import torch

from model import Generator
from preprocess import world_decompose, world_encode_spectral_envelop, world_speech_synthesis


class VoiceConverter:
    def __init__(self, checkpoint_dir, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.generator_A2B = Generator().to(self.device)
        self.generator_B2A = Generator().to(self.device)
        self.checkpoint_dir = checkpoint_dir
        self.stats = None

    def load_model(self, name="_CycleGAN_CheckPoint"):
        path = os.path.join(self.checkpoint_dir, name)
        checkpoint = torch.load(path, map_location=self.device)
        self.generator_A2B.load_state_dict(checkpoint["model_genA2B_state_dict"])
        self.generator_B2A.load_state_dict(checkpoint["model_genB2A_state_dict"])
        self.stats = {k: checkpoint[k] for k in ("coded_sps_A_mean", "coded_sps_A_std",
                                                   "coded_sps_B_mean", "coded_sps_B_std")}
        self.generator_A2B.eval()
        self.generator_B2A.eval()

    @torch.no_grad()
    def convert(self, wav, sr=16000, frame_period=5.0, num_mcep=36):
        f0, timeaxis, sp, ap = world_decompose(wav.astype(np.float64), sr, frame_period)
        coded_sp = world_encode_spectral_envelop(sp, sr, dim=num_mcep).T
        norm = (coded_sp - self.stats["coded_sps_A_mean"]) / self.stats["coded_sps_A_std"]
        inp = torch.from_numpy(np.array([norm])).float().to(self.device)
        out = self.generator_A2B(inp).cpu().numpy()[0]
        coded_sp_conv = out * self.stats["coded_sps_B_std"] + self.stats["coded_sps_B_mean"]
        sp_conv = np.ascontiguousarray(coded_sp_conv.T).astype(np.float64)
        return world_speech_synthesis(f0, sp_conv, ap, sr, frame_period)


if __name__ == "__main__":
    import librosa
    import soundfile as sf
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint_dir", default="model_checkpoint")
    parser.add_argument("--wav", required=True)
    args = parser.parse_args()
    vc = VoiceConverter(args.checkpoint_dir)
    vc.load_model()
    audio, _ = librosa.load(args.wav, sr=16000, mono=True)
    sf.write("converted.wav", vc.convert(audio), 16000)
