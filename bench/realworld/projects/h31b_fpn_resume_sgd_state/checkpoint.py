# source: https://github.com/jwyang/fpn.pytorch/issues/45
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: multi-file, helper
# bug-lines: 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Save / restore training sessions (fpn_<session>_<epoch>_<step>.pth)."""
import os

import torch


def checkpoint_name(output_dir, session, epoch, step):
    return os.path.join(output_dir, "fpn_{}_{}_{}.pth".format(session, epoch, step))


def save_checkpoint(path, model, optimizer, epoch, session, lr):
    torch.save({
        "session": session,
        "epoch": epoch + 1,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "lr": lr,
    }, path)


def load_checkpoint(path, model, optimizer):
    print("loading checkpoint %s" % path)
    checkpoint = torch.load(path, map_location="cpu")
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    lr = optimizer.param_groups[0]["lr"]
    print("loaded checkpoint %s (epoch %d)" % (path, checkpoint["epoch"]))
    return checkpoint["session"], checkpoint["epoch"], lr
