# source: https://github.com/wohlert/semi-supervised-pytorch/issues/7
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #4 'mat1'
# pattern: inputs-not-moved
# shape: helper, class
# bug-lines: 65, 66, 67
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.utils import save_image


def onehot(k):
    """Returns a function that encodes an integer label as a one-hot vector of size k."""
    def encode(label):
        y = torch.zeros(k)
        if label < k:
            y[label] = 1
        return y
    return encode


class Decoder(nn.Module):
    def __init__(self, dims):
        super().__init__()
        z_dim, hidden, x_dim = dims
        sizes = [z_dim, *hidden]
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.reconstruction = nn.Linear(hidden[-1], x_dim)

    def forward(self, x):
        for layer in self.hidden:
            x = F.relu(layer(x))
        return torch.sigmoid(self.reconstruction(x))


class DeepGenerativeModel(nn.Module):
    def __init__(self, x_dim, y_dim, z_dim, h_dim):
        super().__init__()
        self.y_dim = y_dim
        self.encoder = nn.Sequential(nn.Linear(x_dim + y_dim, h_dim[0]), nn.ReLU(),
                                     nn.Linear(h_dim[0], 2 * z_dim))
        self.decoder = Decoder([z_dim + y_dim, list(reversed(h_dim)), x_dim])
        self.classifier = nn.Sequential(nn.Linear(x_dim, h_dim[0]), nn.ReLU(),
                                        nn.Linear(h_dim[0], y_dim))

    def sample(self, z, y):
        y = y.float()
        return self.decoder(torch.cat([z, y], dim=1))


if __name__ == "__main__":
    y_dim, z_dim, h_dim = 10, 32, [256, 128]
    cuda = torch.cuda.is_available()
    model = DeepGenerativeModel(784, y_dim, z_dim, h_dim)
    model.load_state_dict(torch.load("dgm_mnist_100labels.pt", map_location="cpu"))
    if cuda:
        model = model.cuda()
    model.eval()

    rows = []
    with torch.no_grad():
        for digit in range(y_dim):
            z = torch.randn(16, z_dim)
            y = onehot(y_dim)(digit).repeat(16, 1)
            x_mu = model.sample(z, y)
            rows.append(x_mu.view(16, 1, 28, 28).cpu())
    save_image(torch.cat(rows), "dgm_samples.png", nrow=16)
    print("saved", len(rows) * 16, "samples")
