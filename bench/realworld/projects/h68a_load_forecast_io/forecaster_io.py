# source: https://github.com/ourownstory/neural_prophet/pull/1473
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# bug-lines: 22
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from forecaster import LoadForecaster


def save(forecaster, path):
    """Persist config and weights; weights keep the device they were trained on."""
    torch.save({"config": forecaster.config,
                "state_dict": forecaster.model.state_dict(),
                "device": str(forecaster.device)}, path)


def load(path):
    """Restore a LoadForecaster saved with save()."""
    checkpoint = torch.load(path)
    forecaster = LoadForecaster(**checkpoint["config"])
    forecaster.model.load_state_dict(checkpoint["state_dict"])
    return forecaster
