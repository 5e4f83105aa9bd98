# source: https://github.com/hengruizhang98/GCMC-Pytorch-dgl/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper, class
# bug-lines: 45, 53
# needs: torch, dgl, pandas, numpy
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from data import build_graphs, load_ratings, side_features
from model import GCMC


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="ml-100k/u.data")
    p.add_argument("--gpu", type=int, default=0)
    p.add_argument("--epochs", type=int, default=200)
    args = p.parse_args()
    device = torch.device(f"cuda:{args.gpu}" if args.gpu >= 0 and torch.cuda.is_available() else "cpu")

    df = load_ratings(args.data)
    n_users, n_items = int(df["user"].max()) + 1, int(df["item"].max()) + 1
    rating_values = sorted(df["rating"].unique().tolist())
    u_feat, i_feat = side_features(df, n_users, n_items)
    train_df = df.sample(frac=0.9, random_state=0)
    test_df = df.drop(train_df.index)

    enc_graph, train_dec, train_y = build_graphs(train_df, n_users, n_items, rating_values)
    _, test_dec, test_y = build_graphs(test_df, n_users, n_items, rating_values)
    enc_graph = enc_graph.to(device)
    train_dec, test_dec = train_dec.to(device), test_dec.to(device)
    train_y, test_y = train_y.to(device), test_y.to(device)
    ratings_t = torch.tensor(rating_values, dtype=torch.float32, device=device)

    model = GCMC(u_feat.shape[1], i_feat.shape[1], rating_values).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        model.train()
        logits = model(u_feat, i_feat, enc_graph, train_dec)
        loss = criterion(logits, train_y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if epoch % 10 == 0:
            model.eval()
            with torch.no_grad():
                test_logits = model(u_feat, i_feat, enc_graph, test_dec)
                pred = (torch.softmax(test_logits, 1) * ratings_t).sum(1)
                rmse = ((pred - ratings_t[test_y]) ** 2).mean().sqrt().item()
            print(f"epoch {epoch} loss {loss.item():.4f} test rmse {rmse:.4f}")


if __name__ == "__main__":
    main()
