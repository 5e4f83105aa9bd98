# source: https://github.com/pytorch/audio/pull/3017
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, helper
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
from torchaudio.transforms import Fade


def separate_sources(model, mix, segment=10.0, overlap=0.1, sample_rate=44100, device=None):
    """Run a source-separation model over overlapping chunks of `mix` (batch, channels, length)."""
    device = mix.device if device is None else torch.device(device)
    batch, channels, length = mix.shape
    chunk_len = int(sample_rate * segment * (1 + overlap))
    overlap_frames = int(overlap * sample_rate)
    fade = Fade(fade_in_len=0, fade_out_len=overlap_frames, fade_shape="linear")

    final = torch.zeros(batch, len(model.sources), channels, length, device=device)
    start, end = 0, chunk_len
    while start < length - overlap_frames:
        chunk = mix[:, :, start:end]
        with torch.no_grad():
            out = model.forward(chunk)
        out = fade(out)
        final[:, :, :, start:end] += out
        if start == 0:
            fade.fade_in_len = overlap_frames
            start += int(chunk_len - overlap_frames)
        else:
            start += chunk_len
        end += chunk_len
        if end >= length:
            fade.fade_out_len = 0
    return final
