# source: https://github.com/facebookresearch/audiocraft/issues/209
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 37
# needs: torch, julius
# cpu: no written where torch was not installed; not run
"""Multi-band diffusion decoder: one denoiser + schedule per frequency band, summed at the end."""
import julius
import torch

from schedule import NoiseSchedule, SampleProcessor


def load_band_models(path, device):
    package = torch.load(path, map_location="cpu")
    models, cfgs = [], []
    for band in package["bands"]:
        model = band["model_class"](**band["model_kwargs"])
        model.load_state_dict(band["state_dict"])
        models.append(model.to(device).eval())
        cfgs.append(band["cfg"])
    return models, cfgs


class MultiBandDecoder:
    def __init__(self, processes, codec, band_edges):
        self.processes = processes
        self.codec = codec
        self.band_edges = band_edges

    @classmethod
    def get_mbd(cls, path, codec, device):
        models, cfgs = load_band_models(path, device)
        processes = []
        for model, cfg in zip(models, cfgs):
            schedule = NoiseSchedule(**cfg["schedule"], sample_processor=SampleProcessor())
            processes.append((model, schedule))
        return cls(processes, codec.to(device), cfgs[0]["band_edges"])

    @torch.no_grad()
    def tokens_to_wav(self, tokens):
        condition = self.codec.decode_latent(tokens)
        length = condition.size(-1) * self.codec.hop_length
        out = 0
        for model, schedule in self.processes:
            noise = torch.randn(condition.size(0), 1, length, device=condition.device)
            out = out + schedule.generate(model, noise, condition)
        return julius.split_bands(out, self.codec.sample_rate, cutoffs=self.band_edges).sum(0)
