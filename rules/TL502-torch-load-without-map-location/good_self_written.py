# Files the code wrote itself: the load restores what the same run saved, on the
# same devices.
import tempfile

import torch


def test_adapter_roundtrip(tmp_path, fabric, model):
    # litgpt's tests: saved and read back by the same test
    fabric.save(tmp_path / "model.pth", {"model": model})
    saved = torch.load(tmp_path / "model.pth")["model"]
    return saved


def test_cached_item(tmp_path, pipeline):
    # speechbrain's data-pipeline tests: the pipeline under test wrote the cache
    cache_dir = tmp_path / "cache"
    pipeline.run(cache_dir)
    return torch.load(cache_dir / "utt1.pt")


def roundtrip(state, out_dir):
    path = out_dir / "state.pt"
    torch.save(state, path)
    return torch.load(path)


def cache_roundtrip(state):
    with tempfile.TemporaryDirectory() as tmpdir:
        torch.save(state, f"{tmpdir}/state.pt")
        return torch.load(f"{tmpdir}/state.pt")


class WarmupScheduler:
    # speechbrain's schedulers: the saver and the loader of the same class
    def save(self, path):
        torch.save({"n_steps": self.n_steps}, path)

    def load(self, path, end_of_epoch=False):
        data = torch.load(path)
        self.n_steps = data["n_steps"]
