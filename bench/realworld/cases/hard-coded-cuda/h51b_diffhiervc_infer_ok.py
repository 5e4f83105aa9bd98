# source: https://github.com/hayeong0/Diff-HierVC/pull/3
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# looks-like: hard-coded-cuda
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Voice-conversion inference: source utterance + target-speaker reference -> converted wav.

Every .cuda() call sits behind the same use_cuda flag, so the script also runs on
CPU-only machines.
"""
import argparse

import torch
import torchaudio


def load_wav(path, sr=16000):
    wav, file_sr = torchaudio.load(path)
    if file_sr != sr:
        wav = torchaudio.functional.resample(wav, file_sr, sr)
    return wav.mean(dim=0, keepdim=True)  # [1, T]


def load_models(ckpt_path, use_cuda):
    ckpt = torch.load(ckpt_path, map_location="cpu")
    encoder, decoder, vocoder = ckpt["encoder"], ckpt["decoder"], ckpt["vocoder"]
    if use_cuda:
        encoder, decoder, vocoder = encoder.cuda(), decoder.cuda(), vocoder.cuda()
    return encoder.eval(), decoder.eval(), vocoder.eval()


@torch.no_grad()
def convert(models, src_wav, trg_wav, use_cuda, diffusion_steps=6):
    encoder, decoder, vocoder = models
    if use_cuda:
        src_wav, trg_wav = src_wav.cuda(), trg_wav.cuda()
    content, f0 = encoder(src_wav)
    spk = encoder.speaker_embedding(trg_wav)
    mel = decoder(content, f0, spk, n_timesteps=diffusion_steps)
    return vocoder(mel).squeeze(0).cpu()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", required=True)
    parser.add_argument("--trg", required=True)
    parser.add_argument("--ckpt", default="ckpt/diffhiervc_all.pth")
    parser.add_argument("--out", default="converted.wav")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    use_cuda = torch.cuda.is_available() and not args.cpu
    models = load_models(args.ckpt, use_cuda)
    out = convert(models, load_wav(args.src), load_wav(args.trg), use_cuda)
    torchaudio.save(args.out, out, 16000)


if __name__ == "__main__":
    main()
