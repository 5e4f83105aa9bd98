# source: https://github.com/fdbtrs/ElasticFace/pull/13
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Training callbacks: periodic verification on the validation .bin sets."""
import logging
import os

import h65b_eval_verification as eval_verification


class CallBackVerification:
    def __init__(self, frequent, rank, val_targets, rec_prefix, image_size=(112, 112)):
        self.frequent = frequent
        self.rank = rank
        self.highest_acc = [0.0] * len(val_targets)
        self.ver_list = []
        self.ver_name_list = []
        if self.rank == 0:
            self.init_dataset(val_targets, rec_prefix, image_size)

    def init_dataset(self, val_targets, data_dir, image_size):
        for name in val_targets:
            path = os.path.join(data_dir, name + ".bin")
            if os.path.exists(path):
                self.ver_list.append(eval_verification.load_bin(path, image_size))
                self.ver_name_list.append(name)

    def ver_test(self, backbone, global_step):
        for i, data_set in enumerate(self.ver_list):
            embeddings_list, issame = eval_verification.compute_embeddings(data_set, backbone, 64)
            acc, std = eval_verification.verification_accuracy(embeddings_list, issame)
            self.highest_acc[i] = max(self.highest_acc[i], acc)
            logging.info("[%s][%d]Accuracy-Flip: %1.5f+-%1.5f  Highest: %1.5f",
                         self.ver_name_list[i], global_step, acc, std, self.highest_acc[i])

    def __call__(self, num_update, backbone):
        if self.rank == 0 and num_update > 0 and num_update % self.frequent == 0:
            backbone.eval()
            self.ver_test(backbone, num_update)
            backbone.train()
