# source: https://github.com/mkofler96/DeepSDFStruct/issues/78
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fit the parameters of a plate-with-hole CSG shape to a reference SDF."""
import torch

from sdf_shapes import BoxSDF, CircleSDF, DifferenceSDF


def sample_queries(n, device):
    return (torch.rand(n, 2, device=device) * 2.0 - 1.0) * 1.5


def reference_sdf(queries):
    # square plate of half size 0.8 with a centred hole of radius 0.35
    q = queries.abs() - 0.8
    box = torch.linalg.norm(q.clamp(min=0.0), dim=-1) + q.max(dim=-1).values.clamp(max=0.0)
    hole = torch.linalg.norm(queries, dim=-1) - 0.35
    return torch.maximum(box, -hole)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    plate = BoxSDF(half_extent=(0.6, 0.6))
    hole = CircleSDF(center=(0.2, 0.1), radius=0.2)
    shape = DifferenceSDF(plate, hole).to(device)

    optimizer = torch.optim.Adam(shape.parameters(), lr=1e-2)
    for step in range(500):
        queries = sample_queries(4096, device)
        pred = shape(queries)
        loss = (pred - reference_sdf(queries)).abs().mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 100 == 0:
            print(f"step {step:4d}  l1 {loss.item():.4f}  hole r={hole.radius.item():.3f}")


if __name__ == "__main__":
    main()
