# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/770
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 20, 21, 29, 31
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Clone a voice from a reference clip and synthesize the target utterance."""
import numpy as np
import soundfile as sf
import torch

from config import infer_device, is_half, sampling_rate
from modules import load_models

device = torch.device(infer_device)
encoder, decoder = load_models()

if is_half:
    encoder = encoder.half().to(device)
    decoder = decoder.half().to(device)
else:
    encoder, decoder = encoder.to(device), decoder.to(device)


def get_ssl_features(wav16k):
    wav = torch.from_numpy(wav16k)
    if is_half:
        wav = wav.half()
    with torch.no_grad():
        return encoder(wav.unsqueeze(0).to(device))


def synthesize(ref_wav16k, target_wav16k, out_path="out.wav"):
    ref_feats = get_ssl_features(ref_wav16k)
    target_feats = get_ssl_features(target_wav16k)
    with torch.no_grad():
        audio = decoder(target_feats, ref_feats)
    sf.write(out_path, audio[0].float().cpu().numpy(), sampling_rate)
    return out_path


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    ref = rng.standard_normal(16000 * 3).astype(np.float32)
    target = rng.standard_normal(16000 * 5).astype(np.float32)
    print(synthesize(ref, target))
