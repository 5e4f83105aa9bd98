# source: https://github.com/yingxin-jia/SuperGlue-pytorch/issues/11
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# needs: torch, numpy
# cpu: raises "RuntimeError: Input type (double) and bias type (float) should be the same"
"""Train the pose-track associator with a cross-entropy over person matches."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from assoc_net import PoseAssociator
from pose_pairs import PoseTrackPairs


def main(epochs=2):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PoseAssociator().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(PoseTrackPairs(), batch_size=8, shuffle=True)
    for epoch in range(epochs):
        for data in loader:
            for k in data:
                data[k] = data[k].to(device)
            scores = model(data)
            loss = F.cross_entropy(scores, data["match"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
