# source: https://github.com/jjery2243542/voice_conversion/issues/17
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 26, 27, 31, 32
# needs: torch, numpy, h5py, scipy
# cpu: no written where torch was not installed; not run
import argparse

import h5py
import numpy as np
import torch
from scipy.io import wavfile

from model import Decoder, Encoder
from preprocess import spectrogram2wav


class Converter:
    def __init__(self, ckpt_path, n_speakers=20):
        self.encoder = Encoder()
        self.decoder = Decoder(n_speakers=n_speakers)
        state = torch.load(ckpt_path, map_location="cpu")
        self.encoder.load_state_dict(state["encoder"])
        self.decoder.load_state_dict(state["decoder"])
        self.encoder.cuda().eval()
        self.decoder.cuda().eval()

    @torch.no_grad()
    def convert(self, spec, target_speaker):
        x = torch.from_numpy(spec).float().unsqueeze(0).transpose(1, 2).cuda()
        c = torch.tensor([target_speaker], dtype=torch.long).cuda()
        enc = self.encoder(x)
        out = self.decoder(enc, c)
        return out.squeeze(0).transpose(0, 1).cpu().numpy()


def load_utterance(h5_path, speaker, utt_id):
    with h5py.File(h5_path, "r") as f:
        return f[f"test/{speaker}/{utt_id}/lin"][()]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-ckpt", required=True)
    parser.add_argument("-h5", default="vctk.h5")
    parser.add_argument("-src", default="p225")
    parser.add_argument("-utt", default="001")
    parser.add_argument("-tgt", type=int, default=3)
    parser.add_argument("-out", default="converted.wav")
    args = parser.parse_args()

    converter = Converter(args.ckpt)
    spec = load_utterance(args.h5, args.src, args.utt)
    converted = converter.convert(spec, args.tgt)
    wav = spectrogram2wav(np.exp(converted))
    wavfile.write(args.out, 16000, wav.astype(np.float32))
    print("wrote", args.out)
