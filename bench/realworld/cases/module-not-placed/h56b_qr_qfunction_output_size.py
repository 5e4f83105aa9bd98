# source: https://github.com/takuseno/d3rlpy/issues/329
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-not-placed
# shape: helper, class
# bug-lines: 68, 69
# needs: torch
# cpu: no written where torch was not installed; not run
"""Builders for offline discrete-action Q-functions (QR-DQN heads on top of an
encoder produced by a configurable factory)."""
import torch
import torch.nn as nn


class PixelEncoder(nn.Module):
    def __init__(self, observation_shape, feature_size=512):
        super().__init__()
        channels = observation_shape[0]
        self.register_buffer("pixel_mean", torch.full((channels, 1, 1), 127.5))
        self.convs = nn.Sequential(
            nn.Conv2d(channels, 32, 8, stride=4), nn.ReLU(),
            nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(), nn.Flatten())
        self.fc = nn.LazyLinear(feature_size)

    def forward(self, x):
        x = (x - self.pixel_mean) / 127.5
        return torch.relu(self.fc(self.convs(x)))


class PixelEncoderFactory:
    def __init__(self, feature_size=512):
        self.feature_size = feature_size

    def create(self, observation_shape):
        return PixelEncoder(observation_shape, self.feature_size)


def compute_output_size(input_shapes, encoder, device):
    with torch.no_grad():
        inputs = [torch.rand((1, *shape), device=device) for shape in input_shapes]
        return int(encoder(*inputs).shape[1])


class QRQFunction(nn.Module):
    def __init__(self, encoder, hidden_size, action_size, n_quantiles):
        super().__init__()
        self.encoder = encoder
        self.action_size, self.n_quantiles = action_size, n_quantiles
        self.fc = nn.Linear(hidden_size, action_size * n_quantiles)

    def forward(self, x):
        quantiles = self.fc(self.encoder(x)).view(-1, self.action_size, self.n_quantiles)
        return quantiles.mean(dim=2)


class QFunctionForwarder:
    def __init__(self, q_funcs):
        self.q_funcs = q_funcs

    def compute_expected_q(self, x):
        return torch.stack([q(x) for q in self.q_funcs]).min(dim=0).values


def create_discrete_q_function(observation_shape, action_size, encoder_factory, device,
                               n_ensembles=1, n_quantiles=200):
    q_funcs = []
    for _ in range(n_ensembles):
        encoder = encoder_factory.create(observation_shape)
        hidden_size = compute_output_size([observation_shape], encoder, device)
        q_func = QRQFunction(encoder, hidden_size, action_size, n_quantiles)
        q_funcs.append(q_func.to(device))
    q_funcs = nn.ModuleList(q_funcs)
    return q_funcs, QFunctionForwarder(q_funcs)


if __name__ == "__main__":
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    q_funcs, forwarder = create_discrete_q_function((4, 84, 84), 6, PixelEncoderFactory(), device)
    obs = torch.randint(0, 256, (32, 4, 84, 84), device=device).float()
    print(forwarder.compute_expected_q(obs).shape)
